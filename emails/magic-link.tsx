import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type MagicLinkEmailProps = {
  url: string;
  /** Host name shown to the reader so they can tell which deployment sent the link. */
  host: string;
  expiresInMinutes: number;
};

export function magicLinkSubject({ host }: Pick<MagicLinkEmailProps, "host">): string {
  return `Sign in to Meridian (${host})`;
}

export default function MagicLinkEmail({ url, host, expiresInMinutes }: MagicLinkEmailProps) {
  return (
    <EmailLayout preview="Your Meridian sign-in link">
      <Heading as="h1" style={emailStyles.heading}>
        Sign in to Meridian
      </Heading>
      <Text style={emailStyles.text}>Click the button below to sign in to {host}.</Text>
      <Button href={url} style={emailStyles.button}>
        Sign in
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>
        This link expires in {expiresInMinutes} minutes and can be used once. If the button does not work, paste this
        address into your browser:
      </Text>
      <Link href={url} style={emailStyles.link}>
        {url}
      </Link>
    </EmailLayout>
  );
}
