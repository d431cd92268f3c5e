import { availableParallelism, cpus, totalmem } from 'node:os';

export interface Machine {
  node: string;
  platform: string;
  arch: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
}

export function describeMachine(): Machine {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
  };
}
