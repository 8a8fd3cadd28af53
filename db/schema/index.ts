export * from "./identity";
export * from "./audit";
export * from "./catalog";
export * from "./vendor";
export * from "./rollouts";
export * from "./review";
export * from "./notifications";
export * from "./reports";
