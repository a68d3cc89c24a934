import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type InvitationRole = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

export type InvitationEmailProps = {
  workspaceName: string;
  inviterName: string;
  role: InvitationRole;
  acceptUrl: string;
  expiresInDays: number;
};

const ROLE_LABEL: Record<InvitationRole, string> = {
  OWNER: "an owner",
  ADMIN: "an admin",
  MEMBER: "a member",
  VIEWER: "a viewer",
};

export function invitationSubject({ workspaceName, inviterName }: Pick<InvitationEmailProps, "workspaceName" | "inviterName">): string {
  return `${inviterName} invited you to ${workspaceName} on Meridian`;
}

export default function InvitationEmail({ workspaceName, inviterName, role, acceptUrl, expiresInDays }: InvitationEmailProps) {
  return (
    <EmailLayout preview={`Join ${workspaceName} on Meridian`}>
      <Heading as="h1" style={emailStyles.heading}>
        Join {workspaceName} on Meridian
      </Heading>
      <Text style={emailStyles.text}>
        {inviterName} invited you to join <strong>{workspaceName}</strong> as {ROLE_LABEL[role]}.
      </Text>
      <Button href={acceptUrl} style={emailStyles.button}>
        Accept invitation
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>
        This invitation expires in {expiresInDays} days and works once. If the button does not work, paste this address
        into your browser:
      </Text>
      <Link href={acceptUrl} style={emailStyles.link}>
        {acceptUrl}
      </Link>
    </EmailLayout>
  );
}
