import { ApiFailure } from '@shared/api/errors';
import type { Handlers } from '../api/dispatcher';
import type { ShelfContext } from './shelf-context';

type FileOps =
  | 'shelf.addImage'
  | 'shelf.importPreview'
  | 'shelf.importApply'
  | 'shelf.export'
  | 'shelf.loadDemo'
  | 'rundown.export'
  | 'rundown.import';

const later = (): never => {
  throw new ApiFailure('unavailable', 'not available yet');
};

/** Files in and out of the shelf: import, export, images and the demo workspace. */
export function fileHandlers(_s: ShelfContext): Pick<Handlers, FileOps> {
  return {
    'shelf.addImage': later,
    'shelf.importPreview': later,
    'shelf.importApply': later,
    'shelf.export': later,
    'shelf.loadDemo': later,
    'rundown.export': later,
    'rundown.import': later,
  };
}
