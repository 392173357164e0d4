/** What the host answered to a form's submit, under the form; nothing when there is no error. */
export function FormError({ error, testId }: { error: string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
