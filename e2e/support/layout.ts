import type { Page } from '@playwright/test';

/**
 * What a person on a small screen would trip over, measured in the page as it is now: a page
 * wider than the screen (sideways scrolling), a control cut off at a side edge, a control smaller
 * than a 44 × 44 px touch target, text under 11 px. Each problem is one line naming the element,
 * so a failing assertion says what to fix.
 *
 * Controls inside a container that scrolls sideways on purpose (a wide table in a scrolling
 * region) are left out of the edge check: they are reached by scrolling that container. Links in
 * running text are left out of the size check (WCAG 2.5.8 exempts inline targets); a checkbox or
 * radio counts together with its label.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width)
      problems.push(`the page scrolls sideways: ${scrollWidth} > ${width} px`);

    const describe = (el: Element): string => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
    };
    const shown = (el: Element): boolean => {
      if (el.closest('.visually-hidden, [hidden], [aria-hidden="true"]')) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    };
    const inSidewaysScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && p.scrollWidth > p.clientWidth) {
          return true;
        }
      }
      return false;
    };
    // A link inside a sentence has words of the sentence beside it (text nodes, not only the
    // spaces between links in a row of links).
    const inRunningText = (el: Element): boolean =>
      el.tagName === 'A' &&
      [...(el.parentElement?.childNodes ?? [])].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );

    const controls = document.querySelectorAll(
      'button, a[href], input:not([type="hidden"]), select, textarea, summary',
    );
    for (const el of controls) {
      if (!shown(el)) continue;
      const rect = el.getBoundingClientRect();
      // Wholly off the page on purpose until focused (the skip link): not a cut-off control.
      if (rect.right <= 0) continue;
      if (!inSidewaysScroller(el) && (rect.left < -0.5 || rect.right > width + 0.5)) {
        problems.push(
          `${describe(el)} is cut off: ${Math.round(rect.left)}–${Math.round(rect.right)} px`,
        );
      }
      // A checkbox or radio is tapped through its label too: the target is the two together.
      const input = el as HTMLInputElement;
      let box = { width: rect.width, height: rect.height };
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')) {
        for (const label of input.labels ?? []) {
          const l = label.getBoundingClientRect();
          const [top, bottom] = [Math.min(rect.top, l.top), Math.max(rect.bottom, l.bottom)];
          const [left, right] = [Math.min(rect.left, l.left), Math.max(rect.right, l.right)];
          box = { width: right - left, height: bottom - top };
        }
      }
      if (!inRunningText(el) && (box.height < 43.5 || box.width < 43.5)) {
        problems.push(
          `${describe(el)} is a ${Math.round(box.width)} × ${Math.round(box.height)} px target`,
        );
      }
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const tiny = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || tiny.has(el) || !shown(el)) continue;
      // SVG text is scaled with its drawing (viewBox to rendered width): that is what the eye gets.
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
      const viewBox = svg?.viewBox.baseVal;
      if (svg && viewBox && viewBox.width > 0) {
        size *= svg.getBoundingClientRect().width / viewBox.width;
      }
      if (size < 11) {
        tiny.add(el);
        problems.push(`${describe(el)} is ${size.toFixed(1)} px text`);
      }
    }
    return problems;
  });
}
