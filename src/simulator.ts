/** `oig-connector-bundle/simulator`: the local OIG simulator, a test double for demos, tests and benchmarks. */
export { startSimulator, type Simulator, type SimulatorOptions, type SimSeed } from './simulator/index.ts';
