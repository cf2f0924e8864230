export { DouyinAdapter, type DouyinCredentials } from './douyin-adapter';
