import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessRoleSchema, type AccessRole, type RoleLink } from '@shared/api/domains/settings';
import { useApi, useOnConnected } from '../api/studio-api';
import { ApiErrorText } from '../components/ApiErrorText';
import { useAction } from '../data/use-action';

/**
 * Per-role access links (prompter, data desk, guests, extra operators): create, copy, revoke.
 * The studio keeps only a hash of each link's token, so a link is shown once, right after it is
 * made, with a copy button; afterwards the list names it and can revoke it.
 */
/** A link only this computer can open (a tablet's 127.0.0.1 is the tablet itself). */
const isLoopback = (url: string): boolean => {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
  } catch {
    return false;
  }
};

export function RoleLinksCard({ lanAccess = true }: { lanAccess?: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const [links, setLinks] = useState<RoleLink[]>([]);
  const [role, setRole] = useState<AccessRole>('datadesk');
  const [label, setLabel] = useState('');
  const { error, setError, run } = useAction();
  const [notice, setNotice] = useState<string>();
  const [fresh, setFresh] = useState<RoleLink>();

  const load = () => void api.access.roleLinks().then((r) => (r.ok ? setLinks(r.value) : setError(r.error)));
  useOnConnected(load);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const made = await run(() => api.access.createRoleLink({ role, label }));
    if (!made) return;
    setLabel('');
    setFresh(made);
    setLinks((prev) => [...prev, { ...made, url: '' }]);
  };

  const revoke = async (link: RoleLink) => {
    if (!window.confirm(t('settings.revokeConfirm'))) return;
    if (!(await run(() => api.access.revokeRoleLink({ id: link.id })))) return;
    setLinks((prev) => prev.filter((l) => l.id !== link.id));
    if (fresh?.id === link.id) setFresh(undefined);
    setNotice(t('settings.revoked'));
  };

  return (
    <div className="card" data-testid="role-links">
      <h2>{t('settings.roleLinks')}</h2>
      <p className="help">{t('settings.roleLinksHelp')}</p>
      <form className="toolbar" onSubmit={(e) => void create(e)}>
        <label>
          <span>{t('settings.role')}</span>
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as AccessRole)}
            data-testid="role-link-role"
          >
            {AccessRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('settings.label')}</span>
          <input
            value={label}
            maxLength={80}
            placeholder={t('settings.labelPlaceholder')}
            onChange={(e) => setLabel(e.target.value)}
            data-testid="role-link-label"
          />
        </label>
        <button type="submit" className="primary" data-testid="role-link-create">
          {t('settings.createLink')}
        </button>
      </form>
      {error && <ApiErrorText error={error} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {fresh && (
        <div className="notice fresh-link" data-testid="role-link-new" role="status">
          <p>
            <strong>
              {t('access.newLinkTitle', { role: t(`roles.${fresh.role}`), label: fresh.label })}
            </strong>
          </p>
          <p className="help">{t('access.shownOnce')}</p>
          <code dir="ltr" data-testid="role-link-new-url">
            {fresh.url}
          </code>
          {isLoopback(fresh.url) && (
            <p className="warning" data-testid="role-link-loopback">
              {t('figures2.loopbackLink')} {!lanAccess && t('figures2.loopbackOnly')}
            </p>
          )}
          <button
            type="button"
            data-testid="role-link-copy"
            onClick={() =>
              void navigator.clipboard?.writeText(fresh.url).then(() => setNotice(t('settings.copied')))
            }
          >
            {t('settings.copy')}
          </button>
          <button type="button" onClick={() => setFresh(undefined)}>
            {t('access.dismiss')}
          </button>
        </div>
      )}
      {links.length === 0 ? (
        <p className="help">{t('settings.noLinks')}</p>
      ) : (
        <ul className="url-list">
          {links.map((link) => (
            <li key={link.id} data-testid="role-link" data-role={link.role}>
              <strong>{t(`roles.${link.role}`)}</strong>
              <span>{link.label}</span>
              <span className="help">{t('access.linkHidden')}</span>
              <button type="button" className="danger" onClick={() => void revoke(link)}>
                {t('settings.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
