import { checkHousehold } from '../../cloudfunctions/users/rules';

describe('checkHousehold', () => {
  test('each family member once: the same name and relation twice is refused', () => {
    expect(() =>
      checkHousehold([
        { name: '刘小雨', relation: '女儿' },
        { name: '刘小雨', relation: '女儿' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_MEMBER', message: expect.stringContaining('刘小雨（女儿）已经在家庭成员里了') }));
  });
  test('spaces around a name do not make another person', () => {
    expect(() =>
      checkHousehold([
        { name: '刘小雨', relation: '女儿' },
        { name: ' 刘小雨 ', relation: '女儿 ' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_MEMBER' }));
  });
  test('the same name in another relation, and different people, are fine', () => {
    expect(() => checkHousehold([])).not.toThrow();
    expect(() =>
      checkHousehold([
        { name: '王芳', relation: '女儿' },
        { name: '王芳', relation: '儿媳' },
        { name: '王强', relation: '儿子' },
      ]),
    ).not.toThrow();
  });
});
