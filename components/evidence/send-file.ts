/** What an upload ended with: the status and the JSON (or problem+json) body, or a network failure / cancellation. */
export type SendResult =
  | { kind: "response"; status: number; body: { id?: string; existing?: boolean; detail?: string; title?: string; version?: number } }
  | { kind: "network" }
  | { kind: "aborted" };

/**
 * Sends one file as the raw request body with XMLHttpRequest, which reports
 * upload progress and can be cancelled (fetch can do neither for request bodies).
 */
export function sendFile(url: string, file: File, onProgress: (loaded: number) => void): { done: Promise<SendResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<SendResult>((resolve) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      resolve({ kind: "response", status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ kind: "network" });
    xhr.onabort = () => resolve({ kind: "aborted" });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
