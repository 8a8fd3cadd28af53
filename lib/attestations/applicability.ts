/** Pure: which catalog controls apply to a product. */
export type ApplicabilityControl = { channels: string[]; kernelOnly: boolean };
export type ApplicabilityProduct = { kernelMode: boolean; channels: { channel: string }[] };

/** A control applies when it shares an update channel with the product; kernel-only controls need kernel-mode components. */
export function isApplicable(control: ApplicabilityControl, product: ApplicabilityProduct): boolean {
  if (control.kernelOnly && !product.kernelMode) return false;
  const shipped = new Set(product.channels.map((c) => c.channel));
  return control.channels.some((c) => shipped.has(c));
}
