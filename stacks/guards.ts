// The rules every way of deploying the stacks obeys: the pnpm scripts (scripts/stack.ts) and the cdktf CLI (the
// stack program checks what cdktf was asked to do before it synthesizes; see cdktf-command.ts).
import { FerryError } from '@ferry/types';
import { STACK_NAMES, type StackName } from './names.ts';

/** `diff` is cdktf's plan: it needs the folder as a deploy does. */
export type StackAction = 'deploy' | 'destroy' | 'diff';

/**
 * Refuses `destroy results` and any deploy or destroy without a folder; returns the folder. YC_FOLDER_ID wins over
 * TF_VAR_folder_id, as at synth time, where it became the variable's default.
 */
export function checkStackAction(action: StackAction, stack: StackName, env: Record<string, string | undefined>): string {
  if (action === 'destroy' && stack === 'results') {
    throw new FerryError(
      'refusing to destroy the results stack: it is persistent by design and holds every published result (its bucket also has prevent_destroy)',
    );
  }
  const folderId = env.YC_FOLDER_ID || env.TF_VAR_folder_id;
  if (!folderId) {
    throw new FerryError(
      `refusing to ${action} ${stack} without a folder: set YC_FOLDER_ID (or TF_VAR_folder_id) to the Yandex Cloud folder to deploy into`,
    );
  }
  return folderId;
}

/** The stacks a cdktf stack argument selects: a name, or a glob such as `*` (as cdktf matches them). */
export function selectStacks(patterns: readonly string[]): StackName[] {
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
  return STACK_NAMES.filter((name) => patterns.some((pattern) => matches(pattern).test(name)));
}
