/** Amazon Cognito user pool Lambda triggers: pre sign-up and post confirmation. */
import { DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { uuid } from './random.js';
import { defineTemplate, oneOfField } from './template-types.js';

const COGNITO = { service: 'cognito', serviceTitle: 'Amazon Cognito' } as const;
const COMMON_FIELDS = [
  { name: 'username', description: 'The user name', default: 'jdoe' },
  { name: 'email', description: "The user's email address", default: 'jdoe@example.com' },
  { name: 'user-pool-id', description: 'The user pool id', default: `${REGION}_aBcDeFgH1` },
  { name: 'client-id', description: 'The app client id', default: '4n5a8mt2ehcqk0so1v7dxs9b3e' },
] as const;

/** The part every user pool trigger event shares. */
function triggerBase<S extends string>(v: Record<(typeof COMMON_FIELDS)[number]['name'], string>, triggerSource: S) {
  return {
    version: '1',
    region: v['user-pool-id'].split('_')[0] || REGION,
    userPoolId: v['user-pool-id'],
    userName: v.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: v['client-id'] },
    triggerSource,
  };
}

const PRE_SIGNUP_SOURCES = ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'] as const;

export const cognitoPreSignup = defineTemplate({
  ...COGNITO,
  id: 'cognito-pre-signup',
  type: 'pre-signup',
  title: 'User pool trigger: pre sign-up',
  description: 'Sent before Cognito registers a new user. The function may reject the sign-up by throwing, or set response.autoConfirmUser / autoVerifyEmail / autoVerifyPhone.',
  fields: [...COMMON_FIELDS, { name: 'trigger-source', description: `Why it runs: ${PRE_SIGNUP_SOURCES.join(', ')}`, default: 'PreSignUp_SignUp' }],
  make: (v) => ({
    ...triggerBase(v, oneOfField(v['trigger-source'], 'trigger-source', PRE_SIGNUP_SOURCES)),
    request: { userAttributes: { email: v.email, name: 'Jane Doe' }, validationData: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }),
});

const POST_CONFIRMATION_SOURCES = ['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword'] as const;

export const cognitoPostConfirmation = defineTemplate({
  ...COGNITO,
  id: 'cognito-post-confirmation',
  type: 'post-confirmation',
  title: 'User pool trigger: post confirmation',
  description:
    "Sent after a user confirms the sign-up (or a forgotten password): the user's attributes, with sub and cognito:user_status. The function typically creates a profile; its response is ignored.",
  fields: [...COMMON_FIELDS, { name: 'trigger-source', description: `Why it runs: ${POST_CONFIRMATION_SOURCES.join(', ')}`, default: 'PostConfirmation_ConfirmSignUp' }],
  make: (v) => ({
    ...triggerBase(v, oneOfField(v['trigger-source'], 'trigger-source', POST_CONFIRMATION_SOURCES)),
    request: { userAttributes: { sub: uuid(), email_verified: 'true', 'cognito:user_status': 'CONFIRMED', name: 'Jane Doe', email: v.email } },
    response: {},
  }),
});
