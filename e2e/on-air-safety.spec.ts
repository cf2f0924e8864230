import { expect, test } from './studio-fixture';
import { call, seedShelf } from './overlay-helpers';

/**
 * The on-air console's keys act whatever has focus (text fields excepted): a dropdown left focused
 * after picking the show or the OBS with the mouse must not take Space or the arrows.
 */
test.describe('on-air safety', () => {
  test('Space and the arrows drive the console after the pickers were used with the mouse; pickers lock on air', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    // An OBS that is never reached: the console only needs it in the picker.
    const conn = await call(studio, 'obs.addConnection', {
      name: '主机位',
      host: '127.0.0.1',
      port: 9,
      password: 'secret-password',
    });
    await page.goto(studio.url);
    await page.getByTestId('nav-show').click();
    const showSelect = page.getByTestId('show-select');
    await showSelect.selectOption(String(ids.showId));
    await expect(page.getByTestId('cue-row')).toHaveCount(3);
    const obsSelect = page.getByTestId('show-obs');
    await obsSelect.selectOption(String(conn.id));
    await expect.poll(async () => (await call(studio, 'show.state', {})).obsInstanceId).toBe(conn.id);
    // Before GO, the standby cue says what is wrong: this OBS is not connected.
    await expect(page.getByTestId('cue-warnings').locator('[data-code=obs_down]')).toContainText('主机位');
    // Focus is where the mouse left it; the keys still belong to the console.
    await obsSelect.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    const onAir = page.locator('[data-testid=cue-row][data-on-air]');
    await expect(onAir).toHaveCount(1);
    // One editor, for the standby cue (the old ones used to pile up beside it after a GO).
    await expect(page.getByTestId('cue-editor')).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('cue-editor')).toHaveCount(1);
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('cue-editor')).toHaveCount(1);
    const state = await call(studio, 'show.state', {});
    expect(state.obsInstanceId).toBe(conn.id);
    expect(state.onAirSlotId).not.toBeNull();

    // On air, both pickers are locked until unlocked on purpose.
    await expect(showSelect).toBeDisabled();
    await expect(obsSelect).toBeDisabled();
    await page.getByTestId('show-unlock').click();
    await expect(obsSelect).toBeEnabled();
    await obsSelect.selectOption('');
    await expect.poll(async () => (await call(studio, 'show.state', {})).obsInstanceId).toBeNull();
    // A pick locks again.
    await expect(obsSelect).toBeDisabled();

    // A text field keeps its keys: Space types there and fires nothing.
    const before = (await call(studio, 'show.state', {})).onAirSlotId;
    const notes = page.locator('.show-side [data-testid=cue-talking-points]');
    await notes.focus();
    await page.keyboard.press('Space');
    await expect(notes).toBeFocused();
    expect((await call(studio, 'show.state', {})).onAirSlotId).toBe(before);
  });

  test('the show on air cannot be deleted; deleting another show asks first and can be undone', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const spare = await call(studio, 'shows.create', { title: '备用专场', showDate: '2026-11-23' });
    const rundown = await call(studio, 'rundown.get', { showId: ids.showId });
    await call(studio, 'rundown.setOnAir', { showId: ids.showId, slotId: rundown.slots[0]!.id });
    await page.goto(studio.url);
    await page.getByTestId('nav-rundown').click();
    const select = page.getByTestId('page-rundown').getByTestId('show-select');
    await select.selectOption(String(ids.showId));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.getByTestId('delete-show').click();
    await expect(page.getByTestId('page-rundown').getByRole('alert')).toContainText('正在播出');
    expect(dialogs).toHaveLength(1);
    expect((await call(studio, 'shows.list', {})).map((s) => s.id)).toContain(ids.showId);

    // Another show: confirmed, deleted, and back with undo.
    await select.selectOption(String(spare.id));
    await page.getByTestId('delete-show').click();
    expect(dialogs).toHaveLength(2);
    await expect
      .poll(async () => (await call(studio, 'shows.list', {})).map((s) => s.id))
      .not.toContain(spare.id);
    await page.getByTestId('undo').click();
    await expect
      .poll(async () => (await call(studio, 'shows.list', {})).map((s) => s.id))
      .toContain(spare.id);
  });
});
