export { KuaishouAdapter, type KuaishouCredentials } from './kuaishou-adapter';
