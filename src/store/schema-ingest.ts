/** Tables of the ingest transports (src/ingest/transports). */

/** Signatures of accepted pushes, kept for the replay window: the same signed request is taken once. */
export interface PushNonceTable {
  feed_id: string;
  /** The request's hex HMAC: unique per (timestamp, body) for one secret. */
  signature: string;
  received_at: string;
}

/** Each story's MinHash signature (src/domain/dedupe.ts): confirms a near-duplicate its bands suggested. */
export interface StorySignatureTable {
  story_id: number;
  /** 64 x 32-bit minima, hex. */
  minhash: string;
}

export interface IngestTables {
  push_nonces: PushNonceTable;
  story_signatures: StorySignatureTable;
}
