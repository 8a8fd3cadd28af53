"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

type Edges = { overflows: boolean; atStart: boolean; atEnd: boolean };
const NONE: Edges = { overflows: false, atStart: true, atEnd: true };

/**
 * A horizontally scrolling box for wide tables and charts. When its content is
 * wider than the box it becomes a labelled, keyboard-focusable region (arrow
 * keys scroll it; axe's "scrollable-region-focusable") and says so: a shaded
 * edge on the side with more content and a "scroll sideways" hint. When
 * everything fits it is a plain box, so it is no extra Tab stop or landmark.
 * The server cannot measure, so it renders the plain box and the client adds
 * the region once it sees overflow. Styling of the box (border, background)
 * comes from `className`.
 */
export function ScrollRegion({ label, id, className = "", children }: { label: string; id?: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>(NONE);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const overflows = el.scrollWidth - el.clientWidth > 1;
      const next = { overflows, atStart: el.scrollLeft <= 1, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 };
      setEdges((prev) => (prev.overflows === next.overflows && prev.atStart === next.atStart && prev.atEnd === next.atEnd ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, []);

  const region = edges.overflows ? ({ role: "region", "aria-label": label, tabIndex: 0 } as const) : {};
  const shade = "pointer-events-none absolute inset-y-0 w-8 from-gray-900/20 to-transparent";
  return (
    <div id={id} className="scroll-mt-4">
      <div className="relative">
        <div ref={ref} {...region} data-overflows={edges.overflows || undefined} className={`overflow-x-auto ${className}`}>
          {children}
        </div>
        {edges.overflows && !edges.atStart ? <div aria-hidden="true" className={`${shade} left-0 bg-linear-to-r`} /> : null}
        {edges.overflows && !edges.atEnd ? <div aria-hidden="true" className={`${shade} right-0 bg-linear-to-l`} /> : null}
      </div>
      {edges.overflows ? (
        <p aria-hidden="true" className="mt-1 text-xs text-muted">
          Scroll sideways for more ({edges.atEnd ? "←" : "→"}): swipe, or focus this area and use the arrow keys.
        </p>
      ) : null}
    </div>
  );
}
