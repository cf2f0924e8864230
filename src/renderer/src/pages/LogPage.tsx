import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogLevel, LogLine } from '@shared/api/domains/log';
import { beijingClock } from '@shared/time/beijing';
import { useApi, useOnConnected, useStudioEvent } from '../api/studio-api';

const levels: LogLevel[] = ['debug', 'info', 'warn', 'error'];
const rank = (l: LogLevel) => levels.indexOf(l);
const KEEP = 2000;

/** The core's named loggers, live: filter by level and area, follow the newest line. */
export function LogPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [minLevel, setMinLevel] = useState<LogLevel>('info');
  const [logger, setLogger] = useState('');
  const [follow, setFollow] = useState(true);
  const bottom = useRef<HTMLDivElement>(null);

  useOnConnected(() => {
    void api.log.recent({ limit: KEEP }).then((r) => r.ok && setLines(r.value.lines));
  });
  useStudioEvent('log.line', (line) =>
    setLines((prev) =>
      prev.length >= KEEP ? [...prev.slice(prev.length - KEEP + 1), line] : [...prev, line],
    ),
  );

  const loggers = useMemo(() => [...new Set(lines.map((l) => l.logger.split(':')[0]!))].sort(), [lines]);
  const shown = lines.filter(
    (l) =>
      rank(l.level) >= rank(minLevel) &&
      (!logger || l.logger === logger || l.logger.startsWith(`${logger}:`)),
  );

  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView({ block: 'end' });
  }, [shown.length, follow]);

  return (
    <section className="page page-log" data-testid="page-log">
      <header className="page-header">
        <h1>{t('page.log.title')}</h1>
        <p>{t('page.log.description')}</p>
      </header>
      <div className="toolbar">
        <label>
          <span>{t('log.minLevel')}</span>
          <select
            value={minLevel}
            onChange={(e) => setMinLevel(e.target.value as LogLevel)}
            data-testid="log-level"
          >
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(`log.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('log.logger')}</span>
          <select value={logger} onChange={(e) => setLogger(e.target.value)} data-testid="log-logger">
            <option value="">{t('log.allLoggers')}</option>
            {loggers.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          <span>{t('log.follow')}</span>
        </label>
      </div>
      <div className="log-view" dir="ltr" data-testid="log-view">
        {shown.length === 0 && <p className="empty-state">{t('log.empty')}</p>}
        {shown.map((l) => (
          <div key={l.seq} className={`log-line log-${l.level}`} data-logger={l.logger}>
            <time>{beijingClock(l.time, true)}</time>
            <span className="level">{t(`log.level.${l.level}`)}</span>
            <span className="logger">{l.logger}</span>
            <span className="message">{l.message}</span>
            {l.fields && <code>{JSON.stringify(l.fields)}</code>}
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </section>
  );
}
