import type { ViteUserConfig } from 'vitest/config';

export declare function defineTestConfig(overrides?: ViteUserConfig): ViteUserConfig;
