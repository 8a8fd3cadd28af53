import { createHash } from "node:crypto";

/**
 * The Merkle tree of RFC 9162 (§2.1, as in RFC 6962): SHA-256, leaf hash
 * H(0x00 ‖ data), interior node H(0x01 ‖ left ‖ right), and a tree over n
 * leaves split at the largest power of two smaller than n. Pure functions, no
 * I/O: used by the portal, the verifier command and the receipt checker alike.
 */

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export const EMPTY_ROOT: Hash = createHash("sha256").digest();

export function leafHash(data: Uint8Array | string): Hash {
  return createHash("sha256")
    .update(LEAF_PREFIX)
    .update(typeof data === "string" ? Buffer.from(data, "utf8") : data)
    .digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Where the tree's subtree hashes come from. `leaf(i)` is the leaf hash of
 * entry i; `perfect(start, size)` may return a cached hash of the complete
 * subtree [start, start+size) (size a power of two, start a multiple of it) or
 * undefined to have it computed from the leaves.
 */
export type LeafSource = { leaf(index: number): Hash; perfect?(start: number, size: number): Hash | undefined };

export function arraySource(leaves: readonly Hash[]): LeafSource {
  return { leaf: (i) => leaves[i]! };
}

/** MTH(D[start : start+size]) over the source. */
export function subtreeHash(src: LeafSource, start: number, size: number): Hash {
  if (size === 0) return EMPTY_ROOT;
  if (size === 1) return src.leaf(start);
  if ((size & (size - 1)) === 0) {
    const cached = src.perfect?.(start, size);
    if (cached) return cached;
  }
  const k = splitPoint(size);
  return nodeHash(subtreeHash(src, start, k), subtreeHash(src, start + k, size - k));
}

export function rootHash(src: LeafSource, size: number): Hash {
  return subtreeHash(src, 0, size);
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` in a tree of `size` leaves. */
export function inclusionProof(src: LeafSource, index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, n: number): Hash[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(m, start, k), subtreeHash(src, start + k, n - k)] : [...path(m - k, start + k, n - k), subtreeHash(src, start, k)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: shows the tree of size `m` is a prefix of the tree of size `n`. */
export function consistencyProof(src: LeafSource, m: number, n: number): Hash[] {
  if (!(m >= 0 && m <= n)) throw new RangeError(`cannot prove ${m} → ${n}`);
  if (m === 0 || m === n) return [];
  const sub = (m: number, start: number, n: number, whole: boolean): Hash[] => {
    if (m === n) return whole ? [] : [subtreeHash(src, start, n)];
    const k = splitPoint(n);
    return m <= k ? [...sub(m, start, k, whole), subtreeHash(src, start + k, n - k)] : [...sub(m - k, start + k, n - k, false), subtreeHash(src, start, k)];
  };
  return sub(m, 0, n, true);
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof has the wrong shape. */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash | null {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size) || leaf.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  const got = rootFromInclusionProof(index, size, leaf, proof);
  return got !== null && root.length === 32 && got.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (m, rootM) is a prefix of (n, rootN)? */
export function verifyConsistency(m: number, n: number, rootM: Hash, rootN: Hash, proof: readonly Hash[]): boolean {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m <= n)) return false;
  if (m === n) return proof.length === 0 && rootM.equals(rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  let nodes = [...proof];
  // If m is a power of two, the old root itself starts the path.
  if ((m & (m - 1)) === 0) nodes = [rootM, ...nodes];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(rootM) && sr.equals(rootN);
}

/**
 * Streams leaves in order and yields the root at any size, keeping only the
 * O(log n) roots of the complete subtrees on the right edge (a compact range).
 */
export class TreeBuilder {
  /** Complete-subtree hashes from largest (left) to smallest (right). */
  private readonly stack: { size: number; hash: Hash }[] = [];
  size = 0;

  push(leaf: Hash): void {
    let node = { size: 1, hash: leaf };
    while (this.stack.length && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  root(): Hash {
    if (!this.stack.length) return EMPTY_ROOT;
    let r = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i]!.hash, r);
    return r;
  }
}
