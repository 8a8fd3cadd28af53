import type { ImportError } from "./draft-schema";
import { isOscalUuid } from "./oscal-common";
import { REQUIRED_MESSAGE } from "./schema";

/**
 * A cheap structural check of an OSCAL catalog, following the official JSON
 * schema only where the importer relies on it: the catalog uuid and metadata
 * title, and the shape of groups, controls, parts and props. Every problem is
 * reported with its location, e.g. `catalog.groups[2].controls[5].id: required`.
 */
export function checkOscalCatalog(json: unknown): ImportError[] {
  const errors: ImportError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  if (!isObject(json)) {
    err("(document)", "This must be a JSON object with a catalog.");
    return errors;
  }
  const cat = json.catalog;
  if (!isObject(cat)) {
    err("catalog", cat === undefined ? REQUIRED_MESSAGE : "This must be an object.");
    return errors;
  }
  if (cat.uuid === undefined) err("catalog.uuid", REQUIRED_MESSAGE);
  else if (!isOscalUuid(cat.uuid)) err("catalog.uuid", "This must be a version 4 or 5 UUID.");

  const meta = cat.metadata;
  if (!isObject(meta)) err("catalog.metadata", meta === undefined ? REQUIRED_MESSAGE : "This must be an object.");
  else {
    requireText(meta, "title", "catalog.metadata", err);
    optionalText(meta, "version", "catalog.metadata", err);
    optionalText(meta, "remarks", "catalog.metadata", err);
    checkProps(meta.props, "catalog.metadata.props", err);
  }
  checkGroups(cat.groups, "catalog.groups", err);
  checkControls(cat.controls, "catalog.controls", err);
  if (cat.groups === undefined && cat.controls === undefined) err("catalog", "The catalog has no groups or controls to import.");
  return errors;
}

type Err = (path: string, message: string) => void;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requireText(o: Record<string, unknown>, key: string, at: string, err: Err) {
  const v = o[key];
  if (v === undefined) err(`${at}.${key}`, REQUIRED_MESSAGE);
  else if (typeof v !== "string") err(`${at}.${key}`, "This must be text (a string).");
  else if (v.trim() === "") err(`${at}.${key}`, REQUIRED_MESSAGE);
}

function optionalText(o: Record<string, unknown>, key: string, at: string, err: Err) {
  if (o[key] !== undefined && typeof o[key] !== "string") err(`${at}.${key}`, "This must be text (a string).");
}

function eachObject(list: unknown, at: string, err: Err, visit: (o: Record<string, unknown>, path: string) => void) {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    err(at, "This must be a list (an array).");
    return;
  }
  list.forEach((item, i) => {
    const path = `${at}[${i}]`;
    if (isObject(item)) visit(item, path);
    else err(path, "This must be an object.");
  });
}

function checkGroups(list: unknown, at: string, err: Err) {
  eachObject(list, at, err, (g, path) => {
    optionalText(g, "id", path, err);
    requireText(g, "title", path, err);
    checkProps(g.props, `${path}.props`, err);
    checkParts(g.parts, `${path}.parts`, err);
    checkControls(g.controls, `${path}.controls`, err);
    checkGroups(g.groups, `${path}.groups`, err);
  });
}

function checkControls(list: unknown, at: string, err: Err) {
  eachObject(list, at, err, (c, path) => {
    requireText(c, "id", path, err);
    requireText(c, "title", path, err);
    checkProps(c.props, `${path}.props`, err);
    checkParts(c.parts, `${path}.parts`, err);
    checkControls(c.controls, `${path}.controls`, err);
  });
}

function checkParts(list: unknown, at: string, err: Err) {
  eachObject(list, at, err, (p, path) => {
    requireText(p, "name", path, err);
    optionalText(p, "ns", path, err);
    optionalText(p, "class", path, err);
    optionalText(p, "title", path, err);
    optionalText(p, "prose", path, err);
    checkProps(p.props, `${path}.props`, err);
    checkParts(p.parts, `${path}.parts`, err);
  });
}

function checkProps(list: unknown, at: string, err: Err) {
  eachObject(list, at, err, (p, path) => {
    requireText(p, "name", path, err);
    if (p.value === undefined) err(`${path}.value`, REQUIRED_MESSAGE);
    else if (typeof p.value !== "string") err(`${path}.value`, "This must be text (a string).");
    optionalText(p, "ns", path, err);
    optionalText(p, "class", path, err);
    optionalText(p, "remarks", path, err);
  });
}
