import { createEvaluationContext } from './evaluationContext';

describe('createEvaluationContext', () => {
  it('reads a key once within one evaluation, even for concurrent callers', async () => {
    const context = createEvaluationContext(new Date(0));
    const read = jest.fn(async () => ['table']);
    const [a, b] = await Promise.all([
      context.once('tables', read),
      context.once('tables', read),
    ]);
    expect(a).toBe(b);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps different keys and different evaluations apart', async () => {
    const read = jest.fn(async () => 1);
    const first = createEvaluationContext(new Date(0));
    await first.once('a', read);
    await first.once('b', read);
    await createEvaluationContext(new Date(0)).once('a', read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('shares a failed read too, so both checks report the same reason', async () => {
    const context = createEvaluationContext(new Date(0));
    const read = jest.fn(async () => {
      throw new Error('denied');
    });
    await expect(context.once('k', read)).rejects.toThrow('denied');
    await expect(context.once('k', read)).rejects.toThrow('denied');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
