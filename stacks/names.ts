export const STACK_NAMES = ['results', 'work'] as const;
export type StackName = (typeof STACK_NAMES)[number];
