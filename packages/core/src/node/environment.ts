export interface Environment {
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

/** MODELSTREAM_API_KEY and MODELSTREAM_BASE_URL, empty values treated as unset. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return {
    apiKey: env.MODELSTREAM_API_KEY?.trim() || undefined,
    baseUrl: env.MODELSTREAM_BASE_URL?.trim() || undefined,
  };
}
