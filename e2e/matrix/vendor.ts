import type { ActionEntries, HandlerEntries, PageEntries, SampleEntries } from "./core";

// Entries for the vendor pages, route handlers and actions.
export const PAGES: PageEntries = {};
export const ROUTE_HANDLERS: HandlerEntries = {};
export const ACTIONS: ActionEntries = {};
export const SAMPLES: SampleEntries = {};
