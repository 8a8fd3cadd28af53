import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { TimeZoneCookie } from "@/components/shell/time-zone-cookie";
import { readerTimeZone } from "@/lib/format/reader-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ringfence", template: "%s · Ringfence" },
  description: "Deployment-practice attestation for endpoint-security vendors, reviewed by platforms and governments.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page is rendered per request, the not-found page included: its scripts must carry
// this request's nonce (lib/http/front-door.ts), which a page prerendered at build time cannot.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        {children}
        <TimeZoneCookie rendered={await readerTimeZone()} />
      </body>
    </html>
  );
}
