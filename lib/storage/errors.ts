import "server-only";

/** Base class for every error raised by a BlobStore implementation. */
export class BlobStoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The upload stream produced more bytes than the caller allowed. */
export class UploadTooLargeError extends BlobStoreError {
  readonly limit: number;
  constructor(limit: number) {
    super("UPLOAD_TOO_LARGE", `upload exceeds the limit of ${limit} bytes`);
    this.limit = limit;
  }
}

/** The upload was aborted (AbortSignal fired, e.g. the client disconnected). */
export class UploadAbortedError extends BlobStoreError {
  constructor(reason?: unknown) {
    super("UPLOAD_ABORTED", "upload was aborted", { cause: reason });
  }
}

/** The source yielded something that is not a Uint8Array. */
export class InvalidChunkError extends BlobStoreError {
  constructor() {
    super("INVALID_CHUNK", "upload source yielded a chunk that is not a Uint8Array");
  }
}

/** A blob id was not a lower-case hex SHA-256 digest. */
export class InvalidBlobIdError extends BlobStoreError {
  constructor(id: string) {
    super("INVALID_BLOB_ID", `not a lower-case hex SHA-256 digest: ${JSON.stringify(id.slice(0, 80))}`);
  }
}

/** No blob is stored under the given digest. */
export class BlobNotFoundError extends BlobStoreError {
  readonly sha256: string;
  constructor(sha256: string) {
    super("BLOB_NOT_FOUND", `no blob stored for sha256 ${sha256}`);
    this.sha256 = sha256;
  }
}

/** A staged upload was used after it had been committed or discarded. */
export class StagedBlobStateError extends BlobStoreError {
  constructor(message: string) {
    super("STAGED_BLOB_STATE", message);
  }
}
