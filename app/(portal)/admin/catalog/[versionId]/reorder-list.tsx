"use client";
import { useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/ui/form-alert";
import { reorderControlsAction, reorderDomainsAction } from "./actions";

export type ReorderItem = { id: string; label: string; extra?: ReactNode };

const small = "rounded border border-gray-400 bg-white px-2 py-1 text-xs font-semibold hover:bg-gray-50 disabled:text-gray-400 min-h-8";

/**
 * An ordered list that can be rearranged with the Move up / Move down buttons
 * (keyboard) or by dragging a row. Each change is saved at once.
 */
export function ReorderList({ versionId, domainKey, items: initial, name }: { versionId: string; domainKey?: string; items: ReorderItem[]; name: string }) {
  const router = useRouter();
  const [items, setItems] = useState(initial);
  const [dragging, setDragging] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // After a refresh the server's order wins (derived state, without an effect).
  const serverOrder = initial.map((i) => i.id).join("\u0000");
  const [seenOrder, setSeenOrder] = useState(serverOrder);
  if (serverOrder !== seenOrder) {
    setSeenOrder(serverOrder);
    setItems(initial);
  }

  const save = (next: ReorderItem[], moved: ReorderItem, focusId?: string) => {
    const previous = items;
    setItems(next);
    start(async () => {
      setError(null);
      const ids = next.map((i) => i.id);
      const r = domainKey ? await reorderControlsAction({ versionId, domainKey, controlIds: ids }) : await reorderDomainsAction({ versionId, keys: ids });
      if (!r.ok) {
        setItems(previous);
        setError(r.formError ?? "The new order was not saved.");
        return;
      }
      setMessage(`${moved.label} is now number ${next.indexOf(moved) + 1} of ${next.length}.`);
      if (focusId) document.getElementById(focusId)?.focus();
      router.refresh();
    });
  };

  const move = (from: number, to: number, focusId?: string) => {
    if (to < 0 || to >= items.length || from === to) return;
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    save(next, moved!, focusId);
  };

  return (
    <div>
      <FormAlert message={error} />
      <p aria-live="polite" className="sr-only">
        {message}
      </p>
      <ol aria-label={name} className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white">
        {items.map((item, i) => (
          <li
            key={item.id}
            draggable={!pending}
            onDragStart={(e) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", item.id);
            }}
            onDragOver={(e) => {
              if (dragging !== null) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) move(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            className={`flex flex-wrap items-center gap-2 p-2 ${dragging === i ? "opacity-50" : ""}`}
          >
            <span aria-hidden="true" className="cursor-grab px-1 text-gray-500 select-none" title="Drag to reorder">
              ⠿
            </span>
            <span className="min-w-0 flex-1 break-words">{item.label}</span>
            {item.extra}
            <button
              type="button"
              id={`up-${name}-${item.id}`}
              className={small}
              disabled={pending || i === 0}
              onClick={() => move(i, i - 1, `up-${name}-${item.id}`)}
              aria-label={`Move ${item.label} up`}
            >
              Move up
            </button>
            <button
              type="button"
              id={`down-${name}-${item.id}`}
              className={small}
              disabled={pending || i === items.length - 1}
              onClick={() => move(i, i + 1, `down-${name}-${item.id}`)}
              aria-label={`Move ${item.label} down`}
            >
              Move down
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
