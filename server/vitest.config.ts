import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../vitest.shared.ts';

export default defineConfig(workspaceSource);
