import { useTranslation } from 'react-i18next';

export interface UndoOffer {
  message: string;
  undoToken: string;
}

/** “Archived 3 products · Undo”: the way back from a destructive action. */
export function UndoBar({ offer, onUndo, onClose }: { offer: UndoOffer; onUndo(): void; onClose(): void }) {
  const { t } = useTranslation('shelf');
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span>{offer.message}</span>
      <button type="button" className="primary" onClick={onUndo} data-testid="undo">
        {t('undo.undo')}
      </button>
      <button type="button" onClick={onClose} aria-label={t('undo.dismiss')}>
        ×
      </button>
    </div>
  );
}
