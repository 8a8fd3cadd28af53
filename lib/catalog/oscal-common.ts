/**
 * Pieces shared by the OSCAL exporter and importer: the Ringfence namespace,
 * the minimal OSCAL object types we produce, deterministic v4-format UUIDs,
 * the string fitting needed by OSCAL datatypes, and UTF-8 base64.
 * Pure code (no Node built-ins) so it also runs in the browser.
 */

/** Namespace of every non-OSCAL prop/part name the portal writes. */
export const RINGFENCE_OSCAL_NS = "https://ringfence.example/ns/oscal";
export const OSCAL_VERSION = "1.2.3";
/** Value of the Ringfence `role` prop on the back-matter resource holding framework data. */
export const FRAMEWORK_DATA_ROLE = "framework-data";

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  remarks?: string;
}
export interface OscalPart {
  id?: string;
  name: string;
  ns?: string;
  class?: string;
  title?: string;
  props?: OscalProp[];
  prose?: string;
  parts?: OscalPart[];
}
export interface OscalControl {
  id: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}
export interface OscalGroup {
  id?: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  parts?: OscalPart[];
  controls?: OscalControl[];
  groups?: OscalGroup[];
}

/** The JSON stored (base64) in the back-matter resource of a Ringfence export. */
export interface FrameworkData {
  thresholds: unknown;
  /** Which answer fields each implementation status requires; absent in exports made before versions carried them. */
  answerRequirements?: unknown;
  /** Exact originals of strings OSCAL datatypes forced us to alter, by key (see `fitOscalString`). */
  exact?: Record<string, string>;
}

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
export const isOscalUuid = (s: unknown): s is string => typeof s === "string" && UUID_RE.test(s);

const FNV_OFFSET = BigInt("0x6c62272e07bb014262b821756295c58d");
const FNV_PRIME = BigInt("0x0000000001000000000000000000013b");
const MASK_128 = (BigInt(1) << BigInt(128)) - BigInt(1);

/**
 * A deterministic UUID in RFC 4122 version-4 layout (version nibble 4,
 * variant 10xx) derived from `seed` with 128-bit FNV-1a over its UTF-8 bytes.
 * Not random, but OSCAL only checks the layout and we want stable exports.
 */
export function deterministicUuid(seed: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(seed)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK_128;
  }
  // A second pass folds the tail back in so short seeds still spread over all bits.
  for (let i = 0; i < 16; i++) {
    h ^= h >> BigInt(61);
    h = (h * FNV_PRIME) & MASK_128;
  }
  const hex = h.toString(16).padStart(32, "0").split("");
  hex[12] = "4";
  hex[16] = "89ab"[parseInt(hex[16] ?? "0", 16) & 3] ?? "8";
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** JSON with object keys sorted, so hashing does not depend on key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** OSCAL StringDatatype / MarkupLineDatatype: non-empty, one line, no outer whitespace. */
const ONE_LINE_RE = /^\S(.*\S)?$/u;

/** Make `value` acceptable as an OSCAL string/markup-line (collapse line breaks and runs of whitespace). */
export function fitOscalString(value: string): string {
  if (ONE_LINE_RE.test(value)) return value;
  const collapsed = value.replace(/\s+/gu, " ").trim();
  return collapsed || "-";
}

/** UTF-8 safe base64 using only web-platform globals (btoa/atob exist in Node >= 16 and browsers). */
export function toBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
export function fromBase64(b64: string): string {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** Lower-case a Ringfence control id into an OSCAL token id. */
export const oscalIdFor = (id: string): string => id.toLowerCase();
