export { generateDemoData, demoDataDates } from './generate.js';
export type { DemoData, DemoDataOptions } from './generate.js';
export { DEMO_DEVICES, DEMO_DEVICE_LIST } from './demo-devices.js';
export type { DemoDevice } from './demo-devices.js';
