import { expect, test } from './studio-fixture';
import { call, overlayUrl, seedShelf } from './overlay-helpers';

// Each console gets its own overlay server port (other runs may hold the default one).
process.env.SHELFCAST_OVERLAY_PORT = '0';

/**
 * Undo lives in a history the operator reaches from every page, for the rest of the show, and an
 * undo restores everything: the rundown's rows, the cue's settings and the console's choices.
 * The lower third says the slot's role, edited on the Rundown page or in the cue editor.
 */
test.describe('on-air history and roles', () => {
  test('a slot deleted on the Rundown page is undone from the history on another page, settings and standby included', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const before = await call(studio, 'rundown.get', { showId: ids.showId });
    const dates = before.slots[1]!;
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
    await call(studio, 'cues.update', {
      slotId: dates.id,
      settings: { countdownSeconds: 90, ticker: false, talkingPoints: '骏枣：沙漠种植' },
    });
    await call(studio, 'show.standby', { slotId: dates.id });

    await page.goto(studio.url);
    await page.getByTestId('nav-rundown').click();
    await page.getByTestId('page-rundown').getByTestId('show-select').selectOption(String(ids.showId));
    const slots = page.getByTestId('rundown-slot');
    await expect(slots).toHaveCount(3);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    // Keyboard: focus the slot, Delete; the delete asks first.
    await slots.nth(1).focus();
    await page.keyboard.press('Delete');
    await expect(slots).toHaveCount(2);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('和田骏枣');
    await expect.poll(async () => (await call(studio, 'show.state', {})).standbySlotId).toBeNull();

    // Another page: the page's own undo bar is gone, the history is not.
    await page.getByTestId('nav-shelf').click();
    await expect(page.getByTestId('undo-bar')).toHaveCount(0);
    await page.getByTestId('history-open').click();
    const entry = page.getByTestId('history-entry').first();
    await expect(entry).toHaveAttribute('data-kind', 'removeSlot');
    await expect(entry).toContainText('和田骏枣');
    await expect(entry).toContainText('和田好物专场');
    await entry.getByTestId('history-undo').click();
    await expect(page.getByTestId('history-done')).toContainText('和田骏枣');

    // Everything back: the slot (same id, same place), its cue settings, the console's standby.
    await expect
      .poll(async () => (await call(studio, 'rundown.get', { showId: ids.showId })).slots.map((s) => s.id))
      .toEqual(before.slots.map((s) => s.id));
    const cue = (await call(studio, 'cues.list', { showId: ids.showId })).cues[1]!;
    expect(cue.settings).toMatchObject({
      countdownSeconds: 90,
      ticker: false,
      talkingPoints: '骏枣：沙漠种植',
    });
    const state = await call(studio, 'show.state', {});
    expect(state).toMatchObject({ showId: ids.showId, standbySlotId: dates.id });
    await page.getByTestId('history-close').click();
    await page.getByTestId('nav-show').click();
    await expect(page.locator('[data-testid=cue-row][data-standby]')).toHaveAttribute(
      'data-slot-id',
      String(dates.id),
    );
  });

  test('the chosen show deleted and undone from the history: the console has it chosen again', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const slot = (await call(studio, 'rundown.get', { showId: ids.showId })).slots[2]!;
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
    await call(studio, 'cues.update', { slotId: slot.id, settings: { countdownSeconds: 45 } });
    await page.goto(studio.url);
    await page.getByTestId('nav-rundown').click();
    await page.getByTestId('page-rundown').getByTestId('show-select').selectOption(String(ids.showId));
    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('delete-show').click();
    await expect.poll(async () => (await call(studio, 'show.state', {})).showId).toBeNull();

    await page.getByTestId('nav-show').click();
    await expect(page.getByTestId('cue-row')).toHaveCount(0);
    await page.getByTestId('history-open').click();
    const entry = page.locator('[data-testid=history-entry][data-kind=deleteShow]');
    await expect(entry).toContainText('和田好物专场');
    await entry.getByTestId('history-undo').click();
    // The Show page has its show back, cues and the countdown setting with it.
    await expect(page.getByTestId('cue-row')).toHaveCount(3);
    await expect(page.getByTestId('show-select')).toHaveValue(String(ids.showId));
    const cues = (await call(studio, 'cues.list', { showId: ids.showId })).cues;
    expect(cues.map((c) => c.settings.countdownSeconds)).toEqual([null, null, 45]);
  });

  test('the lower third says the slot’s role, edited on the Rundown page or in the cue editor', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    const rundown = await call(studio, 'rundown.get', { showId: ids.showId });
    await call(studio, 'rundown.updateSlot', {
      slotId: rundown.slots[0]!.id,
      patch: { presenterName: '小雅' },
    });
    await call(studio, 'rundown.updateSlot', {
      slotId: rundown.slots[1]!.id,
      patch: { presenterName: '王明', presenterTitle: '副县长' },
    });
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
    const overlay = await page.context().newPage();
    await overlay.goto(await overlayUrl(studio, 'lower-third'));

    await page.goto(studio.url);
    await page.getByTestId('nav-show').click();
    await expect(page.getByTestId('cue-row')).toHaveCount(3);
    // Slot 1, no role: the host.
    await page.locator('body').press('Space');
    await expect(overlay.getByTestId('lower-third-role')).toHaveText(['主播']);
    // Slot 2, a titled guest with no role: 嘉宾; the cue editor names the role instead.
    await page.locator('body').press('Space');
    await expect(overlay.getByTestId('lower-third-role')).toHaveText(['嘉宾']);
    await page.locator('body').press('ArrowUp');
    await expect(page.getByTestId('cue-editor')).toHaveAttribute(
      'data-slot-id',
      String(rundown.slots[1]!.id),
    );
    await page.getByTestId('cue-role').fill('县长');
    await page.getByTestId('cue-role').press('Enter');
    await expect
      .poll(async () => (await call(studio, 'rundown.get', { showId: ids.showId })).slots[1]!.presenterRole)
      .toBe('县长');
    await page.locator('body').press('Space');
    await expect(overlay.getByTestId('lower-third-role')).toHaveText(['县长']);

    // The Rundown page's slot details edit the same field.
    await page.getByTestId('nav-rundown').click();
    await page.getByTestId('page-rundown').getByTestId('show-select').selectOption(String(ids.showId));
    await page.getByTestId('rundown-slot').nth(1).click();
    await expect(page.getByTestId('slot-presenterRole')).toHaveValue('县长');
    await page.getByTestId('slot-presenterRole').fill('书记');
    await page.getByTestId('slot-details').getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await call(studio, 'rundown.get', { showId: ids.showId })).slots[1]!.presenterRole)
      .toBe('书记');
    await call(studio, 'show.go', { slotId: rundown.slots[1]!.id });
    await expect(overlay.getByTestId('lower-third-role')).toHaveText(['书记']);
  });
});
