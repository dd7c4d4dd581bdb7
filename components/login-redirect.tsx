'use client';

import { useRouter } from 'next/navigation';
import { LoginForm } from './login-form';

export function LoginRedirect({ next }: { next: string }) {
  const router = useRouter();
  return <LoginForm onDone={() => { router.push(next); router.refresh(); }} />;
}
