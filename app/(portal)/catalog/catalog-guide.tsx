import Link from "next/link";
import type { Role } from "@/lib/auth/roles";
import { can } from "@/lib/auth/permissions";

/** What the catalog is for, in the reader's own terms; the file-format detail only for those who handle the files. */
export function CatalogGuide({ role }: { role: Role }) {
  const vendor = can(role, "vendor.workspace");
  const manage = can(role, "catalog.manage");
  return (
    <section aria-labelledby="catalog-guide-h" className="mt-6 max-w-3xl space-y-3 text-sm">
      <h2 id="catalog-guide-h" className="text-lg font-semibold">
        {vendor ? "Using the catalog for your attestations" : "Reading the catalog"}
      </h2>
      {vendor ? (
        <>
          <p>
            Each attestation answers the controls of one published version. Only controls that fit the product apply: those for the update channels it ships,
            and kernel-only controls only for products with kernel-mode components. Open a version to read what each control asks, the evidence it expects and
            the rubric reviewers score it by.
          </p>
          <p>To prepare answers outside the portal, download a version from its page, as JSON or as OSCAL (the catalog format many compliance tools read).</p>
        </>
      ) : null}
      {can(role, "review.use") ? (
        <p>
          Panels score each answer against the rubric of the version the vendor attested against. A published version never changes, so scores given under it
          stay comparable; a later version is a new version, and{" "}
          <Link href="/catalog/compare" className="underline">
            Compare versions
          </Link>{" "}
          shows what changed.
        </p>
      ) : null}
      {!vendor && !manage && !can(role, "review.use") ? (
        <p>Every published report names the catalog version it was measured against. Open a version to read what each control asks and how it is scored.</p>
      ) : null}
      {manage ? <p>Draft versions are listed here for administrators only. Vendors, reviewers and observers see published and retired versions.</p> : null}
      {vendor || manage ? (
        <details className="rounded-md border border-gray-300 bg-white p-3">
          <summary className="cursor-pointer font-medium">For developers: the file format</summary>
          <p className="mt-2">
            The JSON download and the catalog editor&apos;s import use the format <code>ringfence.framework/v1</code>, described by its{" "}
            <a href="/api/catalog/schema.json" className="underline">
              JSON Schema
            </a>
            . The OSCAL download follows NIST&apos;s OSCAL catalog model.
          </p>
        </details>
      ) : null}
    </section>
  );
}
