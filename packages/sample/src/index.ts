export { REAL_DEFECT_RATES } from './defects.ts';
export type { DefectRates } from './defects.ts';
export { generateSample } from './generate.ts';
export type { SampleOptions, SamplePeriod, SamplePeriodTruth } from './generate.ts';
export { writeSample } from './write.ts';
