-- A person's latest meeting attended (their last contact) is found from their memberships: attendance by member.
CREATE INDEX ix_meeting_attendance_member_id ON meeting_attendance (member_id, meeting_id);
