/**
 * Questions, follow-ups and answers: what the panel and the vendor write to each other. Without zod,
 * so the clarification forms can show the limit without shipping the validation library with the page.
 */
export const CLARIFICATION_BODY_MAX = 4000;
