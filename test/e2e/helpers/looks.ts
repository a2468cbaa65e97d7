// looks(): what a customer sees of the widget, as numbers, to compare one host page with another.

import type { Page } from 'playwright-core';
import { computedStyle, openWidget, widget } from './widget';

/** Boxes and styles that a customer would see change if the host page's CSS leaked in. */
export async function looks(page: Page) {
  const ui = widget(page);
  const typography = ['font-size', 'font-family', 'font-weight', 'font-style', 'letter-spacing', 'word-spacing', 'text-transform', 'line-height', 'color'];
  const boxes = ['width', 'height', 'padding-top', 'padding-left', 'border-top-width', 'border-top-style', 'border-radius', 'box-sizing', 'transform', 'opacity'];
  const closed = {
    launcher: await ui.launcher.boundingBox(),
    launcherStyle: await computedStyle(ui.launcher, [...boxes, 'box-shadow', 'cursor']),
    host: await computedStyle(ui.root, ['height', 'border-top-width', 'padding-top', 'margin-top', 'background-color', 'display']),
  };
  // Waits for the entry animation too: boxes are compared at rest.
  await openWidget(page);
  const greeting = ui.panel.locator('.greeting');
  return {
    ...closed,
    panel: await ui.panel.boundingBox(),
    panelStyle: await computedStyle(ui.panel, [...boxes, 'opacity']),
    title: await computedStyle(ui.dialog.getByRole('heading'), typography.filter((name) => name !== 'color')),
    greeting: await computedStyle(greeting, typography),
    nameField: { box: await ui.nameField.boundingBox(), style: await computedStyle(ui.nameField, [...boxes, ...typography, 'background-color']) },
    messageField: { box: await ui.messageField.boundingBox(), style: await computedStyle(ui.messageField, [...boxes, ...typography, 'background-color']) },
    startButton: { box: await ui.startButton.boundingBox(), style: await computedStyle(ui.startButton, [...boxes, ...typography.filter((name) => name !== 'color'), 'box-shadow']) },
  };
}
