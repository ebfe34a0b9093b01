/** Public surface of the accounts feature (used by the route table in src/app). */
export { LoginPage } from "./components/LoginPage";
export { SignUpPage } from "./components/SignUpPage";
export { ForgotUsernamePage } from "./components/ForgotUsernamePage";
export { ForgotPasswordPage } from "./components/ForgotPasswordPage";
export { ResetPasswordPage } from "./components/ResetPasswordPage";
export { ChangePasswordPage } from "./components/ChangePasswordPage";
