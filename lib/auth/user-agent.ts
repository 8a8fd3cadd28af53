/**
 * A readable device name from a stored user agent ("Chrome on Windows"), so a
 * person can recognise their own sessions. Only names from the fixed lists
 * below come out, never text from the header itself: the result is safe to
 * show and to put in an e-mail as it is.
 */

// Order matters: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says "Safari".
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera|OPT)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\bYaBrowser\//, "Yandex Browser"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\b(?:MSIE |Trident\/)/, "Internet Explorer"],
];

// Android and ChromeOS say "Linux" too; iOS says "like Mac OS X".
const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bWindows (?:NT|Phone)\b|\bWin(?:32|64)\b/, "Windows"],
  [/\bAndroid\b/, "Android"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac(?:intosh| OS X)\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

// Programs that are not browsers, named by the product token they start with.
const TOOLS: ReadonlyArray<[RegExp, string]> = [
  [/^curl\//i, "curl"],
  [/^Wget\//i, "Wget"],
  [/^python-requests\/|^Python-urllib\/|^python-httpx\//i, "Python script"],
  [/^(?:node|undici|node-fetch|axios)\b/i, "Node.js script"],
  [/^(?:Go-http-client)\//i, "Go program"],
];

export const UNKNOWN_DEVICE = "Unknown device";

export function describeUserAgent(userAgent: string | null | undefined): string {
  // Long enough for any real user agent; bounds the regular expressions' work on stored text.
  const ua = (userAgent ?? "").slice(0, 512).trim();
  if (!ua) return UNKNOWN_DEVICE;
  const tool = TOOLS.find(([re]) => re.test(ua))?.[1];
  if (tool) return tool;
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return UNKNOWN_DEVICE;
}
