// The category labels of 接待登记: a default category is translated, an office's own category shows as named.
import { describe, expect, it } from "vitest";
import { categoryLabel } from "./visitModel";

describe("categoryLabel", () => {
  const t = (key: string) => `<${key}>`;

  it("translates a default category through its key", () => {
    expect(categoryLabel("城乡建设", t)).toBe("<visits.categories.urban>");
  });

  it("shows a category the office added as it is named", () => {
    expect(categoryLabel("物业管理", t)).toBe("物业管理");
  });
});
