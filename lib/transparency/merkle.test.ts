import { describe, expect, it } from "vitest";
import {
  arraySource,
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  rootHash,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "./merkle";

// Published test data of transparency-dev/merkle (testonly/constants.go, proof/verify_test.go),
// which follows the RFC 6962 reference tests.
const h = (hex: string) => Buffer.from(hex, "hex");
const LEAF_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(h);
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
].map(h);
// Complete-subtree hashes by level.
const NODES = [
  [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
  ],
  [
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  ],
  ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
  ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];
// Inclusion proofs: [leaf index (0-based), tree size, proof].
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
  [
    6,
    7,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
];

const LEAVES = LEAF_INPUTS.map((d) => leafHash(d));
const SRC = arraySource(LEAVES);
const hex = (hs: Hash[]) => hs.map((x) => x.toString("hex"));
const flip = (b: Hash, bit: number) => {
  const c = Buffer.from(b);
  c[0]! ^= 1 << bit;
  return c;
};

describe("RFC 9162 Merkle tree against the transparency-dev/merkle vectors", () => {
  it("hashes the leaves and every complete subtree as published", () => {
    NODES.forEach((level, l) => level.forEach((want, i) => expect(rootHash(arraySource(LEAVES.slice(i * 2 ** l)), 2 ** l).toString("hex")).toBe(want)));
  });

  it("gives the published root for every size 0–8, directly and streamed", () => {
    expect(rootHash(SRC, 8).toString("hex")).toBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    const b = new TreeBuilder();
    expect(b.root().equals(EMPTY_ROOT)).toBe(true);
    for (let n = 0; n <= 8; n++) {
      expect(rootHash(SRC, n).toString("hex"), `size ${n}`).toBe(ROOTS[n]!.toString("hex"));
      if (n > 0) {
        b.push(LEAVES[n - 1]!);
        expect(b.root().toString("hex"), `streamed size ${n}`).toBe(ROOTS[n]!.toString("hex"));
      }
    }
  });

  it("produces exactly the published inclusion and consistency proofs", () => {
    for (const [i, n, proof] of INCLUSION) expect(hex(inclusionProof(SRC, i, n)), `inclusion ${i} in ${n}`).toEqual(proof);
    for (const [m, n, proof] of CONSISTENCY) expect(hex(consistencyProof(SRC, m, n)), `consistency ${m}→${n}`).toEqual(proof);
  });

  it("proves and verifies inclusion of every leaf in every size up to 8, and refuses every corruption", () => {
    for (let n = 1; n <= 8; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(SRC, i, n);
        const root = ROOTS[n]!;
        const leaf = LEAVES[i]!;
        expect(verifyInclusion(i, n, leaf, proof, root), `${i} in ${n}`).toBe(true);
        const bad: [number, number, Hash, Hash[], Hash][] = [
          [i - 1, n, leaf, proof, root],
          [i + 1, n, leaf, proof, root],
          [i ^ 2, n, leaf, proof, root],
          [i, n * 2, leaf, proof, root],
          [i, Math.floor(n / 2), leaf, proof, root],
          [i, n, leafHash("wrong"), proof, root],
          [i, n, leaf, proof, EMPTY_ROOT],
          [i, n, leaf, [...proof, Buffer.alloc(0)], root],
          [i, n, leaf, [...proof, root], root],
          [i, n, leaf, [root, ...proof], root],
          ...proof.map((_, k): [number, number, Hash, Hash[], Hash] => [i, n, leaf, proof.map((p, j) => (j === k ? flip(p, 3) : p)), root]),
        ];
        if (proof.length) bad.push([i, n, leaf, proof.slice(0, -1), root]);
        for (const [bi, bn, bl, bp, br] of bad) {
          if (bi === i && bn === n && bl === leaf && bp === proof && br === root) continue;
          if (bi >= 0 && bi < bn && bn === n && bl.equals(leaf) && br.equals(root) && hex(bp).join() === hex(proof).join()) continue;
          expect(verifyInclusion(bi, bn, bl, bp, br), `corrupt ${bi} in ${bn}`).toBe(false);
        }
      }
    }
  });

  it("proves and verifies consistency for every pair of sizes up to 8, and refuses every corruption", () => {
    for (let n = 1; n <= 8; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(SRC, m, n);
        const r1 = ROOTS[m]!;
        const r2 = ROOTS[n]!;
        expect(verifyConsistency(m, n, r1, r2, proof), `${m}→${n}`).toBe(true);
        if (!proof.length) continue;
        const bad: [number, number, Hash, Hash, Hash[]][] = [
          [m - 1, n, r1, r2, proof],
          [m + 1, n, r1, r2, proof],
          [m ^ 2, n, r1, r2, proof],
          [m, n * 2, r1, r2, proof],
          [m, Math.floor(n / 2), r1, r2, proof],
          [m, n, leafHash("wrong"), r2, proof],
          [m, n, r1, leafHash("wrong"), proof],
          [m, n, r2, r1, proof],
          [m, n, r1, r2, []],
          [m, n, r1, r2, [...proof, r1]],
          [m, n, r1, r2, [...proof, r2]],
          [m, n, r1, r2, [r1, ...proof]],
          [m, n, r1, r2, [proof[0]!, ...proof]],
          [m, n, r1, r2, proof.slice(0, -1)],
          ...proof.map((_, k): [number, number, Hash, Hash, Hash[]] => [m, n, r1, r2, proof.map((p, j) => (j === k ? flip(p, 4) : p))]),
        ];
        for (const [a, b, x, y, p] of bad) {
          // A changed size whose tree happens to be the same as the real one is not a corruption.
          if (a >= 1 && b <= 8 && a <= b && x.equals(ROOTS[a]!) && y.equals(ROOTS[b]!) && hex(p).join() === hex(consistencyProof(SRC, a, b)).join()) continue;
          expect(verifyConsistency(a, b, x, y, p), `corrupt ${a}→${b}`).toBe(false);
        }
      }
    }
  });

  it("treats the trivial cases as RFC 9162 says", () => {
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 0, EMPTY_ROOT, ROOTS[1]!, [])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, ROOTS[5]!, [])).toBe(true);
    expect(verifyConsistency(1, 0, ROOTS[1]!, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false);
    expect(verifyInclusion(0, 0, LEAVES[0]!, [], ROOTS[1]!)).toBe(false);
    expect(verifyInclusion(0, 1, LEAVES[0]!, [], ROOTS[1]!)).toBe(true);
  });

  it("agrees with itself on larger trees, with cached complete subtrees", () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(`event ${i}`));
    const cache = new Map<string, Hash>();
    const src = { leaf: (i: number) => leaves[i]!, perfect: (s: number, z: number) => cache.get(`${s}/${z}`) };
    const b = new TreeBuilder();
    for (let n = 1; n <= 1000; n++) {
      b.push(leaves[n - 1]!);
      if (n % 64 === 0) cache.set(`${n - 64}/64`, rootHash(arraySource(leaves.slice(n - 64)), 64));
      if ([1, 2, 3, 255, 256, 257, 511, 777, 1000].includes(n)) {
        const root = rootHash(src, n);
        expect(b.root().equals(root)).toBe(true);
        expect(root.equals(rootHash(arraySource(leaves), n))).toBe(true);
        for (const i of [0, n >> 1, n - 1]) expect(verifyInclusion(i, n, leaves[i]!, inclusionProof(src, i, n), root)).toBe(true);
        for (const m of [1, n >> 1, n - 1].filter((x) => x >= 1))
          expect(verifyConsistency(m, n, rootHash(src, m), root, consistencyProof(src, m, n))).toBe(true);
      }
    }
  });
});
