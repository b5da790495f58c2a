// Smoke: the sample articles are listed and one opens with its title and body.
import { expect, test } from './fixtures'

test('lists the sample articles and opens one', async ({ app }) => {
  await expect(app.options).toHaveCount(3)
  await app.openArticle(/华龙区|華龍區/)
  await expect(app.articleTitle).toContainText(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
})
