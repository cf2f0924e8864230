import { UPLOAD_MAX_BYTES, type UploadReceipt } from '@shared/api/domains/shelf';
import { fail, ok, type Result } from '@shared/api/errors';
import { UPLOAD_PATH } from '@shared/api/ws-protocol';

/** Upload progress: bytes sent of the file's size. */
export type UploadProgress = (sent: number, total: number) => void;

const tooLarge = (file: File): Result<never> =>
  fail({
    code: 'bad_request',
    message: `${file.name} is larger than ${UPLOAD_MAX_BYTES} bytes`,
    key: 'shelf:importJob.tooLarge',
    params: { file: file.name, limitMb: Math.round(UPLOAD_MAX_BYTES / (1024 * 1024)) },
  });

/**
 * Hands a file for import to the studio core and answers its upload id. In a browser: a streamed
 * HTTP POST to the console (the console's cookie and Origin checks apply; never a WebSocket frame),
 * with progress. In the desktop app: the preload's IPC upload, which moves the bytes to the core
 * in-process without base64 or a frame limit (the console may be off or on another origin there).
 */
export async function uploadImportFile(
  file: File,
  onProgress: UploadProgress,
): Promise<Result<UploadReceipt>> {
  if (file.size > UPLOAD_MAX_BYTES) return tooLarge(file);
  if (window.shelfcast?.upload) {
    onProgress(0, file.size);
    const r = await window.shelfcast.upload(file.name, await file.arrayBuffer());
    if (r.ok) onProgress(file.size, file.size);
    return r as Result<UploadReceipt>;
  }
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as Result<UploadReceipt>;
        resolve(body.ok ? ok(body.value) : body);
      } catch {
        resolve(fail({ code: 'internal', message: `upload answered HTTP ${xhr.status}` }));
      }
    };
    const lost = () =>
      resolve(
        fail({
          code: 'unavailable',
          message: 'upload interrupted',
          key: 'shelf:importJob.uploadFailed',
          params: { file: file.name, reason: `HTTP ${xhr.status || 'connection lost'}` },
        }),
      );
    xhr.onerror = lost;
    xhr.onabort = lost;
    xhr.send(file);
  });
}
