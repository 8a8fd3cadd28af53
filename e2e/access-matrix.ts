import * as core from "./matrix/core";
import * as catalog from "./matrix/catalog";
import * as vendor from "./matrix/vendor";
import * as rollouts from "./matrix/rollouts";
import * as review from "./matrix/review";
import * as notifications from "./matrix/notifications";
import * as clarify from "./matrix/clarify";
import * as reports from "./matrix/reports";
import * as audit from "./matrix/audit";
import * as sessions from "./matrix/sessions";
import * as sso from "./matrix/sso";
import * as mfa from "./matrix/mfa";

export type { Access } from "./matrix/core";

const parts = [core, catalog, vendor, rollouts, review, notifications, clarify, reports, audit, sessions, sso, mfa];
export const PAGES = Object.assign({}, ...parts.map((p) => p.PAGES)) as typeof core.PAGES;
export const ROUTE_HANDLERS = Object.assign({}, ...parts.map((p) => p.ROUTE_HANDLERS)) as typeof core.ROUTE_HANDLERS;
export const ACTIONS = Object.assign({}, ...parts.map((p) => p.ACTIONS)) as typeof core.ACTIONS;
export const SAMPLES = Object.assign({}, ...parts.map((p) => p.SAMPLES)) as typeof core.SAMPLES;
