// RFC 9457 problem details: the one shape of every error response.
import { Type, type Static } from '@sinclair/typebox';

export const ProblemError = Type.Object(
  {
    in: Type.Union([Type.Literal('query'), Type.Literal('path'), Type.Literal('header'), Type.Literal('body')], { description: 'Where the bad value is.' }),
    name: Type.String({ description: 'Name of the parameter.', examples: ['limit'] }),
    detail: Type.String({ description: 'What is wrong with it.', examples: ['must be an integer from 1 to 500'] }),
    allowed: Type.Optional(Type.Array(Type.String(), { description: 'The values or names allowed here.', examples: [['code', 'name', 'population']] })),
  },
  { additionalProperties: false, description: 'One bad parameter.' },
);

export const Problem = Type.Object(
  {
    type: Type.String({
      description: 'URI reference identifying the problem type; `about:blank` means the HTTP status says it all.',
      examples: ['about:blank'],
    }),
    title: Type.String({ description: 'Short summary of the problem type.', examples: ['Bad Request'] }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'HTTP status code.', examples: [400] }),
    detail: Type.String({
      description: 'What went wrong with this request, in words a user can act on.',
      examples: ['Query parameter "limit" must be an integer from 1 to 500.'],
    }),
    instance: Type.String({ description: 'The path and query of the request.', examples: ['/v1/communes?limit=1000'] }),
    errors: Type.Optional(Type.Array(ProblemError, { maxItems: 20, description: 'Each bad parameter, for validation errors: the first 20.' })),
    omittedErrors: Type.Optional(
      Type.Integer({ minimum: 1, description: 'How many more bad parameters there were beyond the 20 `errors` lists (absent when it lists them all).' }),
    ),
  },
  {
    $id: 'Problem',
    description: 'An error, as RFC 9457 problem details (`application/problem+json`).',
    examples: [
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Query parameter "limit" must be an integer from 1 to 500.',
        instance: '/v1/communes?limit=1000',
        errors: [{ in: 'query', name: 'limit', detail: 'must be an integer from 1 to 500' }],
      },
    ],
  },
);

export type ProblemType = Static<typeof Problem>;
export type ProblemErrorType = Static<typeof ProblemError>;
