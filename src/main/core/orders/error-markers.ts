import type { PlatformErrorKind } from './platform-adapter';

/**
 * What an error answer's message says, for codes we do not know. The published descriptions give
 * few error codes (Kuaishou's and Douyin's are not confirmed), and an unknown code read as
 * "server error; retrying" retries a wrong secret forever. These markers, in the platforms' own
 * English and Chinese wording, tell the permanent failures apart; anything else stays `server`.
 * Order matters: a message about a bad signature often names the app key too.
 */
const MARKERS: [PlatformErrorKind, RegExp][] = [
  ['throttled', /exceed (qps|quota) limit|\[1017\]|call limited|frequency|频率|限流/i],
  ['bad_signature', /sign(ature)?\b[^,;.]*(invalid|error|wrong|mismatch|illegal|fail)|invalid sign|签名/i],
  [
    'token_expired',
    /(access_?token|session|token)[^,;.]*(expire|invalid|illegal|not exist)|(令牌|授权|sessionkey).*(过期|失效|非法|无效)|过期/i,
  ],
  [
    'bad_app_key',
    /(app_?key|app_?id)[^,;.]*(invalid|illegal|not exist|error|wrong)|应用不存在|appkey不存在/i,
  ],
  [
    'method_refused',
    /(method|api)[^,;.]*(not exist|not found|invalid|unknown|unsupported|not allowed)|invalid method|(接口|方法)[^，。]*(不存在|未开放|无权)/i,
  ],
];

/** The kind an error message names, or undefined when it names none. */
export function kindFromMessage(message: string): PlatformErrorKind | undefined {
  for (const [kind, re] of MARKERS) if (re.test(message)) return kind;
  return undefined;
}
