// End-to-end: 法律法规库 against a running `zhifa serve` with the demo data loaded. As the
// administrator: the menu entry lists the 32 laws and regulations; 行政处罚法 opens article by article
// (第三十三条 with its second paragraph); the article search finds 初次违法 and gives the citation.
// Only reads. Run: ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/laws.test.mjs
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN_PASSWORD, ADMIN_USER, annotateFailure, inputOf, launch, openMenu, signIn, tid, waitForText } from './helpers.mjs'

test('法律法规库: list, read a law by article, search the articles', { timeout: 90_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    step = 'open'
    await openMenu(page, 'laws', '/catalogue/laws')
    const rows = page.locator(`${tid('law-table')} .el-table__body tr`)
    await waitForText(page, tid('law-table'), (t) => t.includes('中华人民共和国行政处罚法'), 'the laws')
    assert.equal(await rows.count(), 32, 'the 32 laws and regulations of the library')

    step = 'read'
    await page.locator('.el-button', { hasText: '中华人民共和国行政处罚法' }).first().click()
    const text = await waitForText(page, tid('law-drawer'), (t) => t.includes('第三十三条'), 'the articles')
    assert.ok(text.includes('违法行为轻微并及时改正'), 'article 33 reads as the law')
    assert.ok(text.includes('当事人有证据足以证明没有主观过错的'), 'with its second paragraph')
    await page.keyboard.press('Escape')

    step = 'search'
    await page.locator('.el-tabs__item', { hasText: '条文检索' }).click()
    await inputOf(page, 'article-search-q').fill('初次违法')
    await page.locator(tid('article-search')).click()
    const hit = await waitForText(page, tid('article-table'), (t) => t.includes('第三十三条'), 'the search result')
    assert.ok(hit.includes('《中华人民共和国行政处罚法》第三十三条'), hit)

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    assert.deepEqual(apiFailures, [], 'no failed API calls')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'laws', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
