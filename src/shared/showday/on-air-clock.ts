/** The studio's wall clock: live commerce in China runs on Beijing time, whatever the PC is set to. */
const beijing = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function beijingClock(at: number): string {
  return beijing.format(at);
}

const mmss = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** How long the cue on air has run (since its GO) against its planned duration; over when past it. */
export function onAirTimer(lastGoAt: number, now: number, plannedSeconds: number) {
  const elapsed = Math.max(0, (now - lastGoAt) / 1000);
  return {
    elapsed: mmss(elapsed),
    planned: mmss(plannedSeconds),
    over: plannedSeconds > 0 && elapsed > plannedSeconds,
  };
}
