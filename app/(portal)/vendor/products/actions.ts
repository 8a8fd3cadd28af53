"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/server/action";
import { createProduct, updateProduct } from "@/lib/products/products";
import { productSchema } from "@/lib/validations/vendor";

export const createProductAction = defineAction("vendor.products", productSchema, async (input, actor) => {
  const result = await createProduct(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/products");
  return result;
});

export const updateProductAction = defineAction(
  "vendor.products",
  z.object({ id: z.string().uuid(), product: productSchema }),
  async ({ id, product }, actor) => {
    const result = await updateProduct(await getDb(), actor, id, product);
    if (result.ok) revalidatePath("/vendor/products");
    return result;
  },
);
