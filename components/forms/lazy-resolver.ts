import type { FieldValues, Resolver } from "react-hook-form";
import type { ZodType } from "zod";

export type LazyResolver<Input extends FieldValues, Output> = Resolver<Input, unknown, Output> & {
  /** Starts loading the schema (e.g. when the form first gets focus), so the first check does not wait for it. */
  preload: () => void;
};

/**
 * A react-hook-form resolver whose zod schema (and zod itself, about 33 KB gzip) is loaded only when
 * the form is first used, not with the page: `load` is a dynamic import of the same schema the
 * server action checks, so the messages are the same ones. The server stays the authority: if the
 * schema cannot be loaded (a network failure), the form is sent as typed and the server's field
 * errors are shown instead.
 */
export function lazyZodResolver<Input extends FieldValues, Output = Input>(load: () => Promise<ZodType<Output, Input>>): LazyResolver<Input, Output> {
  let loading: Promise<Resolver<Input, unknown, Output>> | null = null;
  const get = () => {
    loading ??= Promise.all([load(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) => zodResolver(schema) as Resolver<Input, unknown, Output>,
      (error: unknown) => {
        loading = null; // try again next time
        throw error;
      },
    );
    return loading;
  };
  const resolver: Resolver<Input, unknown, Output> = async (values, context, options) => {
    let resolve: Resolver<Input, unknown, Output>;
    try {
      resolve = await get();
    } catch {
      return { values: values as unknown as Output, errors: {} };
    }
    return resolve(values, context, options);
  };
  return Object.assign(resolver, { preload: () => void get().catch(() => undefined) });
}
