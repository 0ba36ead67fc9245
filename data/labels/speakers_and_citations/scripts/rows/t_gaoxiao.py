DOC = '高效办成一件事'
SP = [
 ('国务院办公厅印发《关于健全“高效办成一件事”重点事项常态化推进机制的意见》，提出4个方面的重点任务', '国务院办公厅', '', '提出', '印发…意见，提出…重点任务: body subject of 提出 (the first-paragraph 印发…作出部署 has no speech verb)'),
]
ED = []
# Not rows: 党的二十届三中全会《决定》提出 / 意见提出 (documents are not speakers); the rest is the study guide's own voice.
